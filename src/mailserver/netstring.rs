//! Netstrings (`LEN:DATA,`), the framing of Postfix's socketmap protocol.

use tokio::io::{AsyncBufRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum NetstringError {
    #[error("the connection closed")]
    Closed,
    #[error("malformed netstring")]
    Malformed,
    #[error("netstring longer than {0} bytes")]
    TooLong(usize),
    #[error("read failed: {0}")]
    Io(String),
}

impl From<std::io::Error> for NetstringError {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::UnexpectedEof => NetstringError::Closed,
            _ => NetstringError::Io(e.to_string()),
        }
    }
}

/// Reads one netstring of at most `limit` bytes.
pub async fn read<R: AsyncBufRead + Unpin>(
    reader: &mut R,
    limit: usize,
) -> Result<Vec<u8>, NetstringError> {
    let mut length: usize = 0;
    let mut digits = 0;
    loop {
        let mut byte = [0u8; 1];
        if reader.read(&mut byte).await? == 0 {
            return Err(if digits == 0 {
                NetstringError::Closed
            } else {
                NetstringError::Malformed
            });
        }
        match byte[0] {
            b':' if digits > 0 => break,
            d @ b'0'..=b'9' => {
                digits += 1;
                length = length
                    .checked_mul(10)
                    .and_then(|l| l.checked_add(usize::from(d - b'0')))
                    .ok_or(NetstringError::TooLong(limit))?;
                if length > limit {
                    return Err(NetstringError::TooLong(limit));
                }
            }
            _ => return Err(NetstringError::Malformed),
        }
    }
    let mut data = vec![0u8; length];
    reader.read_exact(&mut data).await?;
    let mut comma = [0u8; 1];
    reader.read_exact(&mut comma).await?;
    if comma[0] != b',' {
        return Err(NetstringError::Malformed);
    }
    Ok(data)
}

pub fn encode(data: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 8);
    out.extend_from_slice(data.len().to_string().as_bytes());
    out.push(b':');
    out.extend_from_slice(data.as_bytes());
    out.push(b',');
    out
}

pub async fn write<W: AsyncWrite + Unpin>(writer: &mut W, data: &str) -> std::io::Result<()> {
    writer.write_all(&encode(data)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::BufReader;

    async fn read_all(input: &[u8], limit: usize) -> Vec<Result<Vec<u8>, NetstringError>> {
        let mut reader = BufReader::new(input);
        let mut out = Vec::new();
        loop {
            let item = read(&mut reader, limit).await;
            let stop = item.is_err();
            out.push(item);
            if stop {
                return out;
            }
        }
    }

    #[tokio::test]
    async fn several_netstrings_in_a_row() {
        let items = read_all(b"3:abc,0:,5:a b c,", 100).await;
        assert_eq!(items[0], Ok(b"abc".to_vec()));
        assert_eq!(items[1], Ok(Vec::new()));
        assert_eq!(items[2], Ok(b"a b c".to_vec()));
        assert_eq!(items[3], Err(NetstringError::Closed));
    }

    #[tokio::test]
    async fn malformed_and_oversized_input_is_refused() {
        assert_eq!(
            read_all(b"x:abc,", 100).await[0],
            Err(NetstringError::Malformed)
        );
        assert_eq!(
            read_all(b":abc,", 100).await[0],
            Err(NetstringError::Malformed)
        );
        assert_eq!(
            read_all(b"3:abcd", 100).await[0],
            Err(NetstringError::Malformed)
        );
        assert_eq!(read_all(b"3:ab", 100).await[0], Err(NetstringError::Closed));
        assert_eq!(
            read_all(b"101:", 100).await[0],
            Err(NetstringError::TooLong(100))
        );
        assert_eq!(
            read_all(b"99999999999999999999999:", 100).await[0],
            Err(NetstringError::TooLong(100))
        );
    }

    #[test]
    fn encoding() {
        assert_eq!(encode("OK a@b"), b"6:OK a@b,".to_vec());
        assert_eq!(encode(""), b"0:,".to_vec());
    }

    proptest::proptest! {
        /// Arbitrary bytes from a client never panic the reader, and nothing
        /// it returns or allocates is over the limit.
        #[test]
        fn arbitrary_bytes_never_panic_or_exceed_the_limit(
            input in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2048),
            limit in 0usize..600,
        ) {
            let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
            let items = runtime.block_on(read_all(&input, limit));
            for data in items.into_iter().flatten() {
                proptest::prop_assert!(data.len() <= limit);
            }
        }

        /// What is written reads back.
        #[test]
        fn what_is_written_reads_back(text in "[ -~]{0,200}") {
            let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
            let items = runtime.block_on(read_all(&encode(&text), 4096));
            proptest::prop_assert_eq!(items[0].as_ref().unwrap().as_slice(), text.as_bytes());
        }
    }
}
