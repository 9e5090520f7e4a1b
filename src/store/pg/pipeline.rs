//! Statements sent together, in order, in one round trip: a transaction's
//! `BEGIN`, the writes whose answers nobody reads (`Txn::defer`), and the
//! statement whose answer the caller waits for. tokio-postgres puts a
//! statement on the wire when its future is first polled, so polling each
//! once, in order, before awaiting any answer sends them in that order, and
//! PostgreSQL runs them in that order.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use deadpool_postgres::Object;
use tokio_postgres::types::ToSql;
use tokio_postgres::{Error, Row};

use super::Param;

/// What the caller waits for after the deferred writes.
pub(super) enum Last {
    Query(String, Vec<Param>),
    Batch(&'static str),
    /// Only the deferred writes (too many were waiting).
    Nothing,
}

type Step<'a> = Pin<Box<dyn Future<Output = Result<Vec<Row>, Error>> + Send + 'a>>;

fn refs(params: &[Param]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

/// Sends `begin`, then `deferred`, then `last`, and returns `last`'s rows,
/// or the first error in that order (PostgreSQL refuses every statement
/// after a failed one in a transaction).
pub(super) async fn send(
    client: &Object,
    begin: Option<&'static str>,
    deferred: &[(String, Vec<Param>)],
    last: &Last,
) -> Result<Vec<Row>, Error> {
    let mut steps: Vec<Step<'_>> = Vec::with_capacity(deferred.len() + 2);
    if let Some(begin) = begin {
        steps.push(Box::pin(async move {
            client.batch_execute(begin).await.map(|()| Vec::new())
        }));
    }
    // Parsed before anything is sent (once per connection), so that no
    // statement waits on a parse while a later one goes out first.
    for (sql, params) in deferred {
        let statement = client.prepare_cached(sql).await?;
        steps.push(Box::pin(async move {
            client
                .execute(&statement, &refs(params))
                .await
                .map(|_| Vec::new())
        }));
    }
    match last {
        Last::Query(sql, params) => {
            let statement = client.prepare_cached(sql).await?;
            steps.push(Box::pin(async move {
                client.query(&statement, &refs(params)).await
            }));
        }
        Last::Batch(sql) => steps.push(Box::pin(async move {
            client.batch_execute(sql).await.map(|()| Vec::new())
        })),
        Last::Nothing => {}
    }
    let mut rows = Vec::new();
    for output in in_order(steps).await {
        rows = output?;
    }
    Ok(rows)
}

/// Polls every step once in order (each is sent then), then waits for
/// their answers, which come back in the same order. A step that fails
/// before it is sent (its parameters refused by the driver) stops the
/// sending: nothing after it, a `COMMIT` least of all, goes out.
async fn in_order(mut steps: Vec<Step<'_>>) -> Vec<Result<Vec<Row>, Error>> {
    let mut outputs: Vec<Option<Result<Vec<Row>, Error>>> = steps.iter().map(|_| None).collect();
    let mut sent = false;
    std::future::poll_fn(|cx| {
        if !sent {
            for (index, step) in steps.iter_mut().enumerate() {
                if let Poll::Ready(done) = step.as_mut().poll(cx) {
                    let failed = done.is_err();
                    outputs[index] = Some(done);
                    if failed {
                        outputs.truncate(index + 1);
                        break;
                    }
                }
            }
            sent = true;
        }
        for (step, output) in steps.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match step.as_mut().poll(cx) {
                    Poll::Ready(done) => *output = Some(done),
                    Poll::Pending => return Poll::Pending,
                }
            }
        }
        Poll::Ready(())
    })
    .await;
    outputs.into_iter().flatten().collect()
}
