//! Real headless Chromium driven over WebDriver (chromedriver), against the
//! real `mailroom` binary on a loopback port. Everything started here is
//! stopped by PID when dropped, also when a step fails.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

pub type Step<T = ()> = Result<T, Box<dyn std::error::Error>>;

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn wait_for_port(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "{what} did not start on {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

pub fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The Mailroom under test: fresh data, with more `serve` options (an SMTP
/// server, say: links reach people by email, never through the outbox).
pub fn start_mailroom_with(data: &Path, options: &[&str]) -> (Process, String) {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_mailroom"))
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .args(options)
        .args(["--socketmap-listen", "off", "--internal-listen", "off"])
        .args(["--public-url", &format!("http://127.0.0.1:{port}")])
        // No DNS server answers there: a check fails at once, visibly.
        .args(["--dns-resolver", "127.0.0.1:9", "--dns-check-every", "0"])
        .env("MAILROOM_DATA_DIR", data)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_port(port, "mailroom");
    (Process(child), format!("http://127.0.0.1:{port}"))
}

pub fn start_chromedriver() -> (Process, String) {
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver (scripts/test installs chromium-driver)");
    wait_for_port(port, "chromedriver");
    (Process(child), format!("http://127.0.0.1:{port}"))
}

/// One browser session, with its own fresh profile.
pub struct Browser {
    pub client: Client,
    pub base: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub async fn open(driver: &str, base: &str) -> Step<Self> {
        let profile = tempfile::tempdir()?;
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            "--window-size=1280,800",
        ]
        .iter()
        .map(|a| a.to_string())
        .chain(std::iter::once(format!(
            "--user-data-dir={}",
            profile.path().display()
        )))
        .collect::<Vec<_>>();
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({ "binary": "/usr/bin/chromium", "args": args }),
        );
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(driver)
            .await?;
        Ok(Self {
            client,
            base: base.to_owned(),
            _profile: profile,
        })
    }

    pub async fn go(&self, path: &str) -> Step {
        self.client.goto(&format!("{}{path}", self.base)).await?;
        Ok(())
    }

    pub async fn path(&self) -> Step<String> {
        let url = self.client.current_url().await?;
        Ok(match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        })
    }

    pub async fn fill(&self, css: &str, text: &str) -> Step {
        let field = self.wait(css).await?;
        field.clear().await?;
        field.send_keys(text).await?;
        Ok(())
    }

    pub async fn click(&self, css: &str) -> Step {
        self.wait(css).await?.click().await?;
        Ok(())
    }

    pub async fn wait(&self, css: &str) -> Step<fantoccini::elements::Element> {
        Ok(self
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .map_err(|e| format!("no element {css}: {e}"))?)
    }

    /// Clicks, then waits for `evidence`, which must not be on the page
    /// before the click: only the click can have produced it.
    pub async fn click_for(&self, css: &str, evidence: &str) -> Step {
        self.absent(evidence, css).await?;
        self.click(css).await?;
        self.wait_text(evidence).await
    }

    /// Clicks, then waits for an element matching `evidence`, which must
    /// not exist before the click.
    pub async fn click_until(&self, css: &str, evidence: &str) -> Step {
        if self.client.find(Locator::Css(evidence)).await.is_ok() {
            return Err(format!(
                "{evidence} exists before clicking {css}: waiting for it proves nothing"
            )
            .into());
        }
        self.click(css).await?;
        self.wait(evidence).await?;
        Ok(())
    }

    /// Types into a field, then waits for `evidence` (an htmx answer), which
    /// must not be on the page before.
    pub async fn fill_for(&self, css: &str, text: &str, evidence: &str) -> Step {
        self.absent(evidence, css).await?;
        self.fill(css, text).await?;
        self.wait_text(evidence).await
    }

    /// Fails when `evidence` is already shown: waiting for it would prove
    /// nothing about the action on `what`.
    async fn absent(&self, evidence: &str, what: &str) -> Step {
        let body = self.text("body").await.unwrap_or_default();
        if body.contains(evidence) {
            return Err(format!(
                "{evidence:?} is on the page before acting on {what}: waiting for it proves nothing"
            )
            .into());
        }
        Ok(())
    }

    /// Waits until the element `css` no longer shows `text` (or is gone):
    /// the evidence of a removal. A page being replaced meanwhile is fine.
    pub async fn wait_gone(&self, css: &str, text: &str) -> Step {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            match self.text(css).await {
                Ok(shown) if shown.contains(text) => {}
                Ok(_) => return Ok(()),
                Err(_) if self.client.find(Locator::Css("body")).await.is_ok() => {
                    if self.client.find(Locator::Css(css)).await.is_err() {
                        return Ok(());
                    }
                }
                Err(_) => {}
            }
            if Instant::now() > deadline {
                return Err(format!("{css} still shows {text:?}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the page's text contains `text`.
    pub async fn wait_text(&self, text: &str) -> Step {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let body = self.text("body").await.unwrap_or_default();
            if body.contains(text) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("the page never showed {text:?}; it shows:\n{body}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn text(&self, css: &str) -> Step<String> {
        Ok(self.client.find(Locator::Css(css)).await?.text().await?)
    }

    pub async fn script(&self, source: &str) -> Step<serde_json::Value> {
        Ok(self.client.execute(source, vec![]).await?)
    }

    /// A marker that only a full page load clears: htmx swaps keep it.
    pub async fn mark_page(&self) -> Step {
        self.script("window.__mailroomMark = 'still here';").await?;
        Ok(())
    }

    pub async fn same_page(&self) -> Step<bool> {
        Ok(self
            .script("return window.__mailroomMark === 'still here';")
            .await?
            == json!(true))
    }

    /// Checks the page at a desktop and a phone size (no horizontal
    /// overflow, no serious or critical axe-core violation) and keeps one
    /// screenshot of each.
    pub async fn check_page(&self, name: &str) -> Step {
        for (size, width, height) in [("desktop", 1280, 800), ("phone", 390, 844)] {
            self.client.set_window_size(width, height).await?;
            tokio::time::sleep(Duration::from_millis(150)).await;
            let overflow = self
                .script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
                .await?;
            if overflow.as_i64().unwrap_or(0) > 1 {
                let culprits = self
                    .script(
                        "const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')]
                           .filter(e => e.getBoundingClientRect().right > w + 1 && !(e.parentElement && e.parentElement.closest('.table-wrap')))
                           .slice(0, 5).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className).join(', ');",
                    )
                    .await?;
                return Err(format!(
                    "{name} overflows sideways by {overflow} px at {size} size: {culprits}"
                )
                .into());
            }
            let broken = self.script(BROKEN_WORDS).await?;
            if broken.as_array().is_some_and(|words| !words.is_empty()) {
                return Err(format!(
                    "{name} breaks words in their middle at {size} size: {broken}"
                )
                .into());
            }
            let png = self.client.screenshot().await?;
            std::fs::write(artifacts().join(format!("{name}-{size}.png")), png)?;
            let violations = self.axe().await?;
            if !violations.is_empty() {
                return Err(format!("{name} at {size} size: {}", violations.join("; ")).into());
            }
        }
        self.client.set_window_size(1280, 800).await?;
        Ok(())
    }

    async fn axe(&self) -> Step<Vec<String>> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target/axe/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: {e} (scripts/test installs axe-core)", path.display()))?;
        self.client.execute(&source, vec![]).await?;
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations
                   .filter(v => v.impact === 'serious' || v.impact === 'critical')
                   .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))));",
                vec![],
            )
            .await?;
        Ok(serde_json::from_value(result)?)
    }

    /// Saves what the browser shows, for a failing step.
    pub async fn keep_evidence(&self, name: &str) {
        let dir = artifacts();
        if let Ok(png) = self.client.screenshot().await {
            let path = dir.join(format!("failure-{name}.png"));
            let _ = std::fs::write(&path, png);
            eprintln!("screenshot: {}", path.display());
        }
        if let Ok(html) = self.client.source().await {
            let path = dir.join(format!("failure-{name}.html"));
            let _ = std::fs::write(&path, html);
            eprintln!("page source: {}", path.display());
        }
    }
}

/// Words of prose that the layout split across two lines (as "Servi / ces"
/// in a narrow breadcrumb). Tokens holding `@`, `/`, `.`, `_`, `:` or
/// digits (addresses, URLs, keys) may break anywhere, and are skipped.
const BROKEN_WORDS: &str = r#"
const broken = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode;
  const element = node.parentElement;
  if (!element || element.closest('code, pre, script, style, textarea, select, option, .visually-hidden, [hidden]')) continue;
  if (element.getClientRects().length === 0) continue;
  const tokens = /\S+/g;
  let token;
  while ((token = tokens.exec(node.data))) {
    if (/[@\/._:0-9]/.test(token[0]) || token[0].length > 24) continue;
    const letters = /\p{L}{2,}/gu;
    let word;
    while ((word = letters.exec(token[0]))) {
      const range = document.createRange();
      range.setStart(node, token.index + word.index);
      range.setEnd(node, token.index + word.index + word[0].length);
      const lines = [...range.getClientRects()].filter(r => r.width > 0);
      if (lines.length > 1 && Math.abs(lines[0].top - lines[lines.length - 1].top) > 2) broken.push(word[0]);
    }
  }
}
return broken.slice(0, 5);
"#;
