pub mod frontmatter;
pub mod markdown;
pub mod yaml;

/// The largest item file pobox reads, in bytes (16 MiB). A larger file is reported as
/// unreadable (PO014) from its size alone, without reading it, so a stray export or log
/// in the backlog costs neither time nor memory. Real items are a few kilobytes.
pub const MAX_ITEM_BYTES: u64 = 16 * 1024 * 1024;

/// The largest front-matter pobox parses, in bytes (1 MiB): front-matter is a handful of
/// `key: value` lines, and YAML is the costly part of reading a file.
pub const MAX_FRONT_MATTER_BYTES: usize = 1024 * 1024;

/// The error for a file over [`MAX_ITEM_BYTES`]; [`crate::workspace::unreadable`] turns it
/// into a diagnostic.
#[must_use]
pub fn too_large(size: u64) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::FileTooLarge,
        format!(
            "the file is {}, more than the {} pobox reads for one item",
            megabytes(size),
            megabytes(MAX_ITEM_BYTES)
        ),
    )
}

/// A size for people: `16 MB`, `200.5 MB`, `2.1 kB`.
#[must_use]
pub fn megabytes(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb >= 1.0 {
        let s = format!("{mb:.1}");
        format!("{} MB", s.strip_suffix(".0").unwrap_or(&s))
    } else {
        #[allow(clippy::cast_precision_loss)]
        let kb = bytes as f64 / 1024.0;
        format!("{kb:.1} kB")
    }
}

/// The error for a path named like an item file that is no file: a folder, a named pipe
/// (FIFO), a socket or a device.
#[must_use]
pub fn not_a_file(kind: std::fs::FileType) -> std::io::Error {
    let what = if kind.is_dir() {
        "a folder"
    } else {
        special_file(kind).unwrap_or("not a regular file")
    };
    std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("it is {what}, not a file"))
}

#[cfg(unix)]
fn special_file(kind: std::fs::FileType) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt as _;
    if kind.is_fifo() {
        Some("a named pipe (FIFO)")
    } else if kind.is_socket() {
        Some("a socket")
    } else if kind.is_block_device() || kind.is_char_device() {
        Some("a device")
    } else {
        None
    }
}

#[cfg(not(unix))]
fn special_file(_: std::fs::FileType) -> Option<&'static str> {
    None
}

/// Read an item file of at most [`MAX_ITEM_BYTES`]: the size is checked before reading,
/// and the read stops one byte past the limit should the file grow meanwhile.
///
/// # Errors
/// I/O errors, and [`too_large`] (kind `FileTooLarge`) for a file over the limit.
pub fn read_item_bytes(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    // Opening a named pipe waits for a writer, and a device may never end: only a file is
    // opened.
    let kind = std::fs::metadata(path)?.file_type();
    if !kind.is_file() {
        return Err(not_a_file(kind));
    }
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len > MAX_ITEM_BYTES {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(MAX_ITEM_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_ITEM_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_well() {
        assert_eq!(megabytes(MAX_ITEM_BYTES), "16 MB");
        assert_eq!(megabytes(200 * 1024 * 1024 + 512 * 1024), "200.5 MB");
        assert_eq!(megabytes(2150), "2.1 kB");
    }
}
