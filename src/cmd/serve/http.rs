//! The preview's HTTP side: GET and HEAD of the site held in memory, for 127.0.0.1 only, by a
//! bounded pool of workers; reload requests wait for the next build without holding a thread.

use super::{Shared, State, LONG_POLL};
use crate::present::format::Lang;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc::{sync_channel, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Threads that read requests and answer them: a browser opens a few connections at a time.
const WORKERS: usize = 4;
/// Connections waiting for a worker; past that a connection is answered 503 at once.
const QUEUE: usize = 64;
/// Open pages waiting for a rebuild; past that a reload request is answered 503 and the page
/// asks again a second later.
const MAX_WAITING: usize = 64;
/// A request's head (request line and headers) at most, as most servers allow.
const MAX_HEAD: usize = 16 * 1024;
/// How long a client may take to send its request or read the answer.
const IO_TIMEOUT: Duration = Duration::from_secs(5);

const RELOAD_JS: &str = include_str!("reload.js");
const OVERLAY_CSS: &str = include_str!("overlay.css");

/// A request as the preview needs it.
#[derive(Debug)]
pub(super) struct Request {
    pub method: String,
    /// As sent: a path, maybe percent-encoded, maybe with a query.
    pub target: String,
    pub host: Option<String>,
}

#[derive(Debug)]
pub(super) struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, String)>,
}

/// What a request gets: a response now, or one when the site's version is no longer `seen`.
#[derive(Debug)]
pub(super) enum Answer {
    Now(Response),
    Wait { seen: u64 },
}

/// A page's reload request, parked until the next build or its time is up.
struct Waiter {
    stream: TcpStream,
    seen: u64,
    until: Instant,
    head_only: bool,
}

type Waiting = Arc<Mutex<Vec<Waiter>>>;

/// Answers on `listener` until the process ends: one thread accepts, `WORKERS` answer, one
/// answers the parked reload requests.
pub(super) fn start(listener: TcpListener, shared: Shared, port: u16) {
    let waiting: Waiting = Arc::default();
    let (queue, connections) = sync_channel::<TcpStream>(QUEUE);
    let connections = Arc::new(Mutex::new(connections));
    for _ in 0..WORKERS {
        let (connections, shared, waiting) = (connections.clone(), shared.clone(), waiting.clone());
        std::thread::spawn(move || loop {
            let next = connections.lock().expect("connections").recv();
            let Ok(stream) = next else { return };
            handle(stream, &shared, &waiting, port);
        });
    }
    {
        let (shared, waiting) = (shared.clone(), waiting.clone());
        std::thread::spawn(move || answer_waiters(&shared, &waiting));
    }
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            if let Err(TrySendError::Full(mut stream)) = queue.try_send(stream) {
                let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
                send(&mut stream, &busy(), false);
            }
        }
    });
}

fn handle(mut stream: TcpStream, shared: &Shared, waiting: &Waiting, port: u16) {
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let request = match read_request(&mut stream) {
        Ok(Some(request)) => request,
        Ok(None) => return,
        Err(status) => {
            send(&mut stream, &plain(status, "bad request"), false);
            return;
        }
    };
    let head_only = request.method == "HEAD";
    match answer(shared, port, &request) {
        Answer::Now(response) => send(&mut stream, &response, head_only),
        Answer::Wait { seen } => {
            let mut list = waiting.lock().expect("waiting");
            if list.len() >= MAX_WAITING {
                drop(list);
                send(&mut stream, &busy(), head_only);
            } else {
                list.push(Waiter {
                    stream,
                    seen,
                    until: Instant::now() + LONG_POLL,
                    head_only,
                });
            }
        }
    }
}

/// Reads the request head; None when the client closed without sending one, an HTTP status
/// when what it sent cannot be answered.
fn read_request(stream: &mut TcpStream) -> Result<Option<Request>, u16> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        let n = match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return Ok(None),
            Ok(n) => n,
        };
        buf.extend_from_slice(&chunk[..n]);
        if let Some(request) = parse_request(&buf)? {
            return Ok(Some(request));
        }
        if buf.len() > MAX_HEAD {
            return Err(431);
        }
    }
}

/// The request in `buf`, None while its head is incomplete.
pub(super) fn parse_request(buf: &[u8]) -> Result<Option<Request>, u16> {
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut parsed = httparse::Request::new(&mut headers);
    match parsed.parse(buf) {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => return Err(431),
        Err(_) => return Err(400),
    }
    let host = parsed
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("host"))
        .map(|h| String::from_utf8_lossy(h.value).trim().to_string());
    Ok(Some(Request {
        method: parsed.method.unwrap_or_default().to_string(),
        target: parsed.path.unwrap_or_default().to_string(),
        host,
    }))
}

/// The preview answers pages for its own address only: a page on another site that points a
/// name of its own at 127.0.0.1 (DNS rebinding) sends that name as the Host.
fn host_allowed(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else { return false };
    let (name, given_port) = match host.rsplit_once(':') {
        Some((name, p)) if !name.ends_with(':') => (name, Some(p)),
        _ => (host, None),
    };
    matches!(name, "127.0.0.1" | "localhost" | "[::1]")
        && given_port.is_none_or(|p| p == port.to_string())
}

/// What the preview answers a request, without touching the network.
pub(super) fn answer(shared: &Shared, port: u16, request: &Request) -> Answer {
    if !host_allowed(request.host.as_deref(), port) {
        return Answer::Now(plain(403, "this preview answers for 127.0.0.1 only"));
    }
    if request.method != "GET" && request.method != "HEAD" {
        let mut response = plain(405, "only GET and HEAD");
        response.headers.push(("Allow", "GET, HEAD".into()));
        return Answer::Now(response);
    }
    if !request.target.starts_with('/') {
        return Answer::Now(plain(400, "bad request"));
    }
    let (raw_path, query) = request
        .target
        .split_once('?')
        .unwrap_or((&request.target, ""));
    let path = percent_decode(raw_path);
    match path.as_str() {
        "/__baophu/reload.js" => Answer::Now(ok(RELOAD_JS.as_bytes().to_vec(), "text/javascript")),
        "/__baophu/overlay.css" => Answer::Now(ok(OVERLAY_CSS.as_bytes().to_vec(), "text/css")),
        "/__baophu/wait" => {
            let seen = query
                .split('&')
                .find_map(|kv| kv.strip_prefix("v="))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let version = shared.0.lock().expect("serve state").version;
            if version == seen {
                Answer::Wait { seen }
            } else {
                Answer::Now(version_json(version))
            }
        }
        _ => Answer::Now(page(shared, raw_path, &path)),
    }
}

/// A page of the site, a file of the theme's static folder, a redirect to a folder's address
/// with its slash, or the 404 page.
fn page(shared: &Shared, raw_path: &str, path: &str) -> Response {
    let (lock, wake) = &**shared;
    let key = path.trim_start_matches('/');
    let key = if key.is_empty() || key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key.to_string()
    };
    let state = lock.lock().expect("serve state");
    let mut state = wake
        .wait_while(state, |s| s.settling && !s.fresh.contains(&key))
        .expect("serve state");
    let found = find(&state, &key);
    // A folder's address without its slash: where a static host would send it.
    if found.is_none()
        && !key.ends_with(".html")
        && state.pages.contains_key(&format!("{key}/index.html"))
    {
        let mut response = plain(301, "");
        response
            .headers
            .push(("Location", format!("{}/", encode_path(raw_path))));
        return response;
    }
    let (status, body, key) = match found {
        Some(body) => (200, body, key),
        None => (
            404,
            state
                .pages
                .get("404.html")
                .map_or_else(|| b"404".to_vec(), |c| c.as_ref().clone()),
            "404.html".to_string(),
        ),
    };
    let html = key.ends_with(".html");
    let body = if html {
        with_preview(&body, state.version, state.errors.as_deref(), state.lang)
    } else {
        body
    };
    if html && status == 200 {
        if let Some(saved) = state.saved_at.take() {
            let ms = saved.elapsed().as_millis();
            match state.lang {
                Lang::Vi => println!("đã tải lại {path} sau khi lưu {ms} ms"),
                Lang::En => println!("reloaded {path} {ms} ms after the save"),
            }
        }
    }
    let mut response = ok(body, content_type(&key));
    response.status = status;
    response
}

fn find(state: &State, key: &str) -> Option<Vec<u8>> {
    if let Some(page) = state.pages.get(key) {
        return Some(page.as_ref().clone());
    }
    let dir = state.static_dir.as_ref()?;
    if key.split(['/', '\\']).any(|part| part == "..") {
        return None;
    }
    std::fs::read(dir.join(key)).ok()
}

/// Answers the parked reload requests whose page is out of date or whose time is up: woken by
/// every build, and once a second.
fn answer_waiters(shared: &Shared, waiting: &Waiting) {
    let (lock, wake) = &**shared;
    let mut version = lock.lock().expect("serve state").version;
    loop {
        // A build between two waits is seen: the wait ends at once when the version moved.
        version = {
            let state = lock.lock().expect("serve state");
            let (state, _) = wake
                .wait_timeout_while(state, Duration::from_secs(1), |s| s.version == version)
                .expect("serve state");
            state.version
        };
        let now = Instant::now();
        let due: Vec<Waiter> = {
            let mut list = waiting.lock().expect("waiting");
            let (due, wait): (Vec<Waiter>, Vec<Waiter>) = list
                .drain(..)
                .partition(|w| w.seen != version || now >= w.until);
            *list = wait;
            due
        };
        for mut waiter in due {
            send(&mut waiter.stream, &version_json(version), waiter.head_only);
        }
    }
}

fn send(stream: &mut TcpStream, response: &Response, head_only: bool) {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len()
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    if !head_only {
        let _ = stream.write_all(&response.body);
    }
    let _ = stream.flush();
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

fn ok(body: Vec<u8>, content_type: &'static str) -> Response {
    Response {
        status: 200,
        content_type,
        body,
        headers: Vec::new(),
    }
}

fn plain(status: u16, text: &str) -> Response {
    let mut response = ok(text.as_bytes().to_vec(), "text/plain; charset=utf-8");
    response.status = status;
    response
}

fn busy() -> Response {
    let mut response = plain(503, "busy");
    response.headers.push(("Retry-After", "1".into()));
    response
}

fn version_json(version: u64) -> Response {
    ok(
        format!("{{\"version\":{version}}}").into_bytes(),
        "application/json",
    )
}

/// A page as the preview serves it: with the reload script and, after a failed build, the
/// errors over the page.
pub(super) fn with_preview(html: &[u8], version: u64, errors: Option<&str>, lang: Lang) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    let mut extra = format!(
        "<link rel=\"stylesheet\" href=\"/__baophu/overlay.css\"><script src=\"/__baophu/reload.js\" data-version=\"{version}\" defer></script>"
    );
    if let Some(errors) = errors {
        let (lang_code, heading) = match lang {
            Lang::Vi => (
                "vi",
                "Thay đổi vừa rồi chưa dựng được trang; đây là bản tốt gần nhất. Sửa lỗi dưới đây rồi lưu lại:",
            ),
            Lang::En => (
                "en",
                "The last change could not be built; this is the last good site. Fix the errors below and save again:",
            ),
        };
        extra.push_str(&format!(
            "<div id=\"baophu-errors\" role=\"alert\" lang=\"{lang_code}\"><p>{heading}</p><pre>{}</pre></div>",
            crate::present::escape(errors)
        ));
    }
    match html.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &html[..i], &html[i..]).into_bytes(),
        None => format!("{html}{extra}").into_bytes(),
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css",
        "js" | "mjs" => "text/javascript",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "webmanifest" => "application/manifest+json",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

pub(super) fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A path fit for a header: bytes outside printable ASCII are percent-encoded.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_graphic() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::sync::Condvar;

    fn shared() -> Shared {
        let mut pages = HashMap::new();
        for page in ["index.html", "404.html", "vung/hướng-hóa/index.html"] {
            pages.insert(page.to_string(), Arc::new(b"<body></body>".to_vec()));
        }
        Arc::new((
            Mutex::new(State {
                pages,
                static_dir: None,
                version: 3,
                errors: None,
                saved_at: None,
                settling: false,
                fresh: Default::default(),
                lang: Lang::En,
            }),
            Condvar::new(),
        ))
    }

    fn get(method: &str, target: &str, host: Option<&str>) -> Answer {
        let request = Request {
            method: method.into(),
            target: target.into(),
            host: host.map(str::to_string),
        };
        answer(&shared(), 8000, &request)
    }

    fn status(answer: Answer) -> u16 {
        match answer {
            Answer::Now(r) => r.status,
            Answer::Wait { .. } => 0,
        }
    }

    #[test]
    fn only_get_and_head_for_the_preview_s_own_address() {
        let host = Some("127.0.0.1:8000");
        assert_eq!(status(get("GET", "/", host)), 200);
        assert_eq!(status(get("HEAD", "/", host)), 200);
        for method in [
            "POST", "PUT", "DELETE", "TRACE", "CONNECT", "OPTIONS", "FOO",
        ] {
            let Answer::Now(r) = get(method, "/", host) else {
                panic!("{method} waits")
            };
            assert_eq!(r.status, 405, "{method}");
            assert!(r.headers.contains(&("Allow", "GET, HEAD".into())));
        }
        for host in ["localhost:8000", "127.0.0.1", "[::1]:8000"] {
            assert_eq!(status(get("GET", "/", Some(host))), 200, "{host}");
        }
        for host in [
            None,
            Some("evil.example"),
            Some("evil.example:8000"),
            Some("127.0.0.1:9"),
        ] {
            assert_eq!(status(get("GET", "/", host)), 403, "{host:?}");
        }
    }

    #[test]
    fn a_folder_with_vietnamese_letters_asked_without_its_slash_is_redirected() {
        let target = "/vung/h%C6%B0%E1%BB%9Bng-h%C3%B3a";
        let Answer::Now(r) = get("GET", target, Some("localhost:8000")) else {
            panic!("waits")
        };
        assert_eq!(r.status, 301);
        assert_eq!(r.headers, vec![("Location", format!("{target}/"))]);
        // Sent unencoded, it is encoded in the header.
        let Answer::Now(r) = get("GET", "/vung/hướng-hóa", Some("localhost:8000")) else {
            panic!("waits")
        };
        assert_eq!(r.headers[0].1, format!("{target}/"));
    }

    #[test]
    fn reload_requests_wait_only_while_the_page_is_current() {
        let host = Some("127.0.0.1:8000");
        assert!(matches!(
            get("GET", "/__baophu/wait?v=3", host),
            Answer::Wait { seen: 3 }
        ));
        assert_eq!(status(get("GET", "/__baophu/wait?v=2", host)), 200);
    }

    #[test]
    fn requests_are_parsed_and_bad_ones_refused() {
        let r = parse_request(b"GET /a?b HTTP/1.1\r\nHost: x:1\r\n\r\n")
            .unwrap()
            .unwrap();
        assert_eq!((r.method.as_str(), r.target.as_str()), ("GET", "/a?b"));
        assert_eq!(r.host.as_deref(), Some("x:1"));
        assert!(parse_request(b"GET / HTTP/1.1\r\nHost").unwrap().is_none());
        assert_eq!(parse_request(b"\x00\x01 garbage\r\n\r\n").unwrap_err(), 400);
    }

    proptest::proptest! {
        /// No request path makes the preview panic (it used to, on a folder's address with
        /// Vietnamese letters and no slash).
        #[test]
        fn no_request_path_panics(path in "/[a-zA-Z0-9%./\\\\?&=ạướ~\\-\\x00-\\x1f ]{0,40}") {
            let _ = get("GET", &path, Some("127.0.0.1:8000"));
            let _ = get("HEAD", &path, Some("localhost"));
        }

        #[test]
        fn no_bytes_make_the_parser_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
            let _ = parse_request(&bytes);
        }
    }

    #[test]
    fn the_preview_adds_the_reload_script_and_escaped_errors() {
        let page = with_preview(
            b"<html><body><p>x</p></body></html>",
            7,
            Some("a <b> & c"),
            Lang::En,
        );
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("data-version=\"7\""));
        assert!(page.contains("<pre>a &lt;b&gt; &amp; c</pre>"));
        assert!(page.ends_with("</div></body></html>"));
        assert!(
            !String::from_utf8(with_preview(b"<body></body>", 1, None, Lang::Vi))
                .unwrap()
                .contains("baophu-errors")
        );
    }

    #[test]
    fn paths_are_decoded() {
        assert_eq!(percent_decode("/vung/h%C6%B0%E1%BB%9Bng/"), "/vung/hướng/");
        assert_eq!(percent_decode("/a%2"), "/a%2");
    }
}
