//! A static file server for the release build, on 127.0.0.1 and a free port, stopped when
//! dropped. Enough HTTP for a browser: GET and HEAD, with the content types WebAssembly needs.
//! The tests' server never lets the browser cache; the benchmark's (`StaticServer::hosting`)
//! serves as a static host would: gzipped, and content-named files cached for a year.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;

pub struct StaticServer {
    pub port: u16,
    stop: Arc<AtomicBool>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Testing,
    Hosting,
}

impl StaticServer {
    pub fn start(root: &Path) -> StaticServer {
        StaticServer::start_in(root, Mode::Testing)
    }

    /// Serves like a static host: gzip to a browser that accepts it, and a year's caching for
    /// files named by their content (`name-<16 hex digits>.ext`).
    pub fn hosting(root: &Path) -> StaticServer {
        StaticServer::start_in(root, Mode::Hosting)
    }

    fn start_in(root: &Path, mode: Mode) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port on 127.0.0.1");
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let root = root.to_path_buf();
        let stop_flag = stop.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                if stop_flag.load(Ordering::Relaxed) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let root = root.clone();
                thread::spawn(move || {
                    let _ = serve(stream, &root, mode);
                });
            }
        });
        StaticServer { port, stop }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/{}", self.port, path.trim_start_matches('/'))
    }
}

impl StaticServer {
    /// Stops serving: from now on connections are refused, as if the network were gone.
    pub fn stop(&self) {
        if !self.stop.swap(true, Ordering::Relaxed) {
            // Wake the accept loop so it sees the flag and closes the listener.
            let _ = TcpStream::connect(("127.0.0.1", self.port));
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "webmanifest" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("/");
    let mut file = root.to_path_buf();
    for part in Path::new(path.trim_start_matches('/')).components() {
        match part {
            Component::Normal(p) => file.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

/// Whether a file name carries its content's hash, as the build names what may be cached
/// for ever.
fn content_named(file: &Path) -> bool {
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, h)| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn serve(stream: TcpStream, root: &Path, mode: Mode) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut accepts_gzip = false;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
        let header = header.to_ascii_lowercase();
        if header.starts_with("accept-encoding:") && header.contains("gzip") {
            accepts_gzip = true;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut stream = stream;
    match (method, resolve(root, path)) {
        ("GET" | "HEAD", Some(file)) => {
            let mut body = std::fs::read(&file)?;
            let (cache, encoding) = match mode {
                Mode::Testing => ("no-store", ""),
                Mode::Hosting => {
                    if accepts_gzip {
                        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                        gz.write_all(&body)?;
                        body = gz.finish()?;
                    }
                    let cache =
                        if content_named(&file) { "public, max-age=31536000, immutable" } else { "no-cache" };
                    (cache, if accepts_gzip { "Content-Encoding: gzip\r\n" } else { "" })
                }
            };
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: {cache}\r\n{encoding}Connection: close\r\n\r\n",
                content_type(&file),
                body.len()
            )?;
            if method == "GET" {
                stream.write_all(&body)?;
            }
        }
        _ => {
            let body = b"not found";
            write!(
                stream,
                "HTTP/1.1 404 Not Found\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            )?;
            stream.write_all(body)?;
        }
    }
    stream.flush()
}
