//! A small HTTP/1.1 keep-alive client: enough for the load generator, no dependencies.

use std::{fmt::Write as _, net::SocketAddr, time::Duration};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

use crate::Result;

pub struct Conn {
    pub stream: TcpStream,
    pub buf: Vec<u8>,
    pub closed: bool,
}

pub struct Response {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Response {
    /// Every value of header `name` (case-insensitive).
    pub fn headers<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.head.split("\r\n").skip(1).filter_map(move |line| {
            let (n, v) = line.split_once(':')?;
            n.trim().eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

impl Conn {
    pub async fn connect(addr: SocketAddr) -> std::io::Result<Conn> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Conn {
            stream,
            buf: Vec::with_capacity(32 * 1024),
            closed: false,
        })
    }

    /// Reads more bytes into the buffer; EOF is an error (we always know how much to expect).
    pub async fn fill(&mut self) -> std::io::Result<()> {
        self.buf.reserve(16 * 1024);
        if self.stream.read_buf(&mut self.buf).await? == 0 {
            self.closed = true;
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        Ok(())
    }

    pub async fn request(&mut self, request: &[u8]) -> std::io::Result<Response> {
        let bad =
            |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned());
        self.stream.write_all(request).await?;
        let head_end = loop {
            if let Some(p) = find(&self.buf, b"\r\n\r\n", 0) {
                break p + 4;
            }
            self.fill().await?;
        };
        let head = std::str::from_utf8(&self.buf[..head_end])
            .map_err(|_| bad("response head is not UTF-8"))?
            .to_owned();
        let status: u16 = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| bad("no status code"))?;
        let mut response = Response {
            status,
            head,
            body: Vec::new(),
        };
        let length = response.headers("content-length").next().map(str::to_owned);
        let chunked = response
            .headers("transfer-encoding")
            .any(|v| v.eq_ignore_ascii_case("chunked"));
        if response
            .headers("connection")
            .any(|v| v.eq_ignore_ascii_case("close"))
        {
            self.closed = true;
        }
        if chunked {
            let mut pos = head_end;
            loop {
                let line_end = loop {
                    if let Some(p) = find(&self.buf, b"\r\n", pos) {
                        break p;
                    }
                    self.fill().await?;
                };
                let size_text = std::str::from_utf8(&self.buf[pos..line_end])
                    .map_err(|_| bad("bad chunk size"))?;
                let size_text = size_text.split(';').next().unwrap_or("").trim();
                let size =
                    usize::from_str_radix(size_text, 16).map_err(|_| bad("bad chunk size"))?;
                pos = line_end + 2;
                if size == 0 {
                    // Optional trailers, then an empty line.
                    loop {
                        let end = loop {
                            if let Some(p) = find(&self.buf, b"\r\n", pos) {
                                break p;
                            }
                            self.fill().await?;
                        };
                        let empty = end == pos;
                        pos = end + 2;
                        if empty {
                            break;
                        }
                    }
                    break;
                }
                while self.buf.len() < pos + size + 2 {
                    self.fill().await?;
                }
                response.body.extend_from_slice(&self.buf[pos..pos + size]);
                pos += size + 2;
            }
            self.buf.drain(..pos);
        } else if let Some(length) = length {
            let length: usize = length.parse().map_err(|_| bad("bad Content-Length"))?;
            while self.buf.len() < head_end + length {
                self.fill().await?;
            }
            response.body = self.buf[head_end..head_end + length].to_vec();
            self.buf.drain(..head_end + length);
        } else if status == 204 || status == 304 || (100..200).contains(&status) {
            self.buf.drain(..head_end);
        } else {
            // Body until the server closes the connection.
            loop {
                self.buf.reserve(16 * 1024);
                if self.stream.read_buf(&mut self.buf).await? == 0 {
                    break;
                }
            }
            response.body = self.buf[head_end..].to_vec();
            self.buf.clear();
            self.closed = true;
        }
        Ok(response)
    }
}

// ---------------------------------------------------------------------------------------------
// Users.

pub fn form_encode(fields: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (i, (name, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        for (j, part) in [name, value].into_iter().enumerate() {
            if j > 0 {
                out.push('=');
            }
            for b in part.bytes() {
                match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                        out.push(b as char)
                    }
                    b' ' => out.push('+'),
                    _ => {
                        let _ = write!(out, "%{b:02X}");
                    }
                }
            }
        }
    }
    out
}

pub fn post(
    addr: SocketAddr,
    origin: &str,
    path: &str,
    cookie: Option<&str>,
    body: &str,
) -> Vec<u8> {
    let cookie = cookie
        .map(|c| format!("Cookie: tandem_session={c}\r\n"))
        .unwrap_or_default();
    format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: {origin}\r\nUser-Agent: tandem-loadgen\r\n\
         {cookie}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// A logged-in GET, with extra header lines (each ending in `\r\n`).
pub fn get(addr: SocketAddr, path: &str, cookie: Option<&str>, extra: &str) -> Vec<u8> {
    let cookie = cookie
        .map(|c| format!("Cookie: tandem_session={c}\r\n"))
        .unwrap_or_default();
    format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nUser-Agent: tandem-loadgen\r\n{cookie}{extra}\r\n"
    )
    .into_bytes()
}

/// A file in a multipart form: the input's name, the file's name, its type and bytes.
pub struct FilePart<'a> {
    pub input: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub bytes: &'a [u8],
}

/// Separates the parts of a multipart body; long and odd enough not to occur in a photo.
const BOUNDARY: &str = "----tandem-loadgen-3f9c1e7a2b5d8046";

/// A `multipart/form-data` POST, as a browser sends a form with files: text fields, then files.
pub fn multipart(
    addr: SocketAddr,
    origin: &str,
    path: &str,
    cookie: &str,
    fields: &[(&str, &str)],
    files: &[FilePart<'_>],
) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for f in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\n\
                 Content-Type: {}\r\n\r\n",
                f.input, f.file_name, f.content_type
            )
            .as_bytes(),
        );
        body.extend_from_slice(f.bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: {origin}\r\nUser-Agent: tandem-loadgen\r\n\
         Cookie: tandem_session={cookie}\r\n\
         Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(&body);
    request
}

pub async fn timed(conn: &mut Conn, request: &[u8]) -> Result<Response> {
    Ok(tokio::time::timeout(Duration::from_secs(60), conn.request(request)).await??)
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle, 0).is_some()
}

pub fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}
