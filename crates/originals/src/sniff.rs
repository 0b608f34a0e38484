//! What kind of file a byte string is, by its content (not its name).

/// The kinds of input iki tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text: markdown from a converter, layout text, or canonical JSON.
    Text,
    /// A zip holding `word/document.xml`.
    Docx,
    /// A zip holding `xl/workbook.xml`.
    Xlsx,
    /// A zip whose `mimetype` is an OpenDocument spreadsheet.
    Ods,
    /// A zip of another kind (an OpenDocument text, a PowerPoint, ...).
    OtherZip,
    /// An OLE2 compound file: Excel 97-2003 (.xls) when it holds a
    /// `Workbook` stream; Word 97-2003 (.doc) otherwise.
    Ole,
    /// `%PDF-`.
    Pdf,
}

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// The kind of `bytes`, from the first bytes and, for a zip, the names of
/// its entries (read from the central directory, not decompressed).
pub fn sniff(bytes: &[u8]) -> Kind {
    if bytes.starts_with(ZIP) {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(OLE) {
        return Kind::Ole;
    }
    // A PDF may have a few bytes of junk before its header.
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Kind::Pdf;
    }
    Kind::Text
}

/// What a binary file that iki does not read looks like, told by its
/// magic number (an image, a program, an archive, ...), with what to do
/// instead; `None` when the first bytes say nothing. Asked only once the
/// bytes were found not to be text.
pub fn describe(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    // Each completes "iki reads ...".
    const IMAGE: &str = "text, not pictures: run OCR on the scan (save it as a PDF with a text layer) or give the document it was made from (.docx, .xlsx, .xls, .ods, PDF or markdown)";
    const ARCHIVE: &str = "documents, not archives: unpack it and give the IKI document inside (.docx, .xlsx, .xls, .ods, PDF or markdown)";
    const OTHER: &str = ".docx, .xlsx, .xls, .ods, PDF and markdown: give the IKI document itself";
    let at = |offset: usize, magic: &[u8]| bytes.get(offset..offset + magic.len()) == Some(magic);
    let found = if at(0, b"\x89PNG\r\n\x1a\n") {
        ("a PNG image", IMAGE)
    } else if at(0, b"\xFF\xD8\xFF") {
        ("a JPEG image", IMAGE)
    } else if at(0, b"GIF87a") || at(0, b"GIF89a") {
        ("a GIF image", IMAGE)
    } else if at(0, b"II*\0") || at(0, b"MM\0*") {
        ("a TIFF image", IMAGE)
    } else if at(0, b"RIFF") && at(8, b"WEBP") {
        ("a WebP image", IMAGE)
    } else if at(0, b"BM") && bytes.len() > 14 && at(6, b"\0\0\0\0") {
        ("a BMP image", IMAGE)
    } else if at(0, b"\x1F\x8B") {
        ("a gzip archive", ARCHIVE)
    } else if at(0, b"7z\xBC\xAF\x27\x1C") {
        ("a 7-Zip archive", ARCHIVE)
    } else if at(0, b"Rar!\x1A\x07") {
        ("a RAR archive", ARCHIVE)
    } else if at(0, b"BZh") {
        ("a bzip2 archive", ARCHIVE)
    } else if at(0, b"\xFD7zXZ\0") {
        ("an xz archive", ARCHIVE)
    } else if at(0, b"\x28\xB5\x2F\xFD") {
        ("a zstd archive", ARCHIVE)
    } else if at(257, b"ustar") {
        ("a tar archive", ARCHIVE)
    } else if at(0, b"\x7FELF") {
        ("a program (ELF executable)", OTHER)
    } else if at(0, b"MZ") {
        ("a Windows program (.exe or .dll)", OTHER)
    } else if at(0, b"\xCF\xFA\xED\xFE") || at(0, b"\xCE\xFA\xED\xFE") {
        ("a macOS program (Mach-O)", OTHER)
    } else if at(0, b"\0asm") {
        ("a WebAssembly module", OTHER)
    } else if at(0, b"SQLite format 3\0") {
        (
            "an SQLite database (iki export writes these; it does not read them)",
            OTHER,
        )
    } else if at(4, b"ftyp") {
        ("a video or audio file (MP4)", OTHER)
    } else if at(0, b"ID3") || at(0, b"OggS") || (at(0, b"RIFF") && at(8, b"WAVE")) {
        ("an audio file", OTHER)
    } else {
        return None;
    };
    Some(found)
}

fn sniff_zip(bytes: &[u8]) -> Kind {
    let Ok(archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        // A zip cut short has no central directory; its local headers
        // still name its parts, so the reader can say it is damaged.
        let has = |name: &[u8]| memchr::memmem::find(bytes, name).is_some();
        return if has(b"word/document.xml") {
            Kind::Docx
        } else if has(b"xl/workbook.xml") {
            Kind::Xlsx
        } else if has(b"opendocument.spreadsheet") {
            Kind::Ods
        } else {
            Kind::OtherZip
        };
    };
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.into_owned())
        .collect();
    let has = |name: &str| names.iter().any(|n| n == name);
    if has("word/document.xml") {
        Kind::Docx
    } else if has("xl/workbook.xml") {
        Kind::Xlsx
    } else if has("content.xml")
        && bytes
            .get(30..100)
            .is_some_and(|b| memchr::memmem::find(b, b"opendocument.spreadsheet").is_some())
    {
        Kind::Ods
    } else {
        Kind::OtherZip
    }
}

/// Whether an OLE2 file is an Excel workbook (it holds a `Workbook` or
/// `Book` stream, named in UTF-16 in its directory).
pub fn ole_is_excel(bytes: &[u8]) -> bool {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect() };
    memchr::memmem::find(bytes, &utf16("Workbook")).is_some()
        || memchr::memmem::find(bytes, &utf16("Book\0")).is_some()
}

/// Whether an OLE2 file is an encrypted Office Open XML file: Word,
/// Excel and PowerPoint save a .docx or .xlsx with a password as an OLE2
/// file holding `EncryptionInfo` and `EncryptedPackage` streams.
pub fn ole_is_encrypted(bytes: &[u8]) -> bool {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect() };
    memchr::memmem::find(bytes, &utf16("EncryptedPackage")).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_magic_numbers() {
        assert_eq!(sniff(b"# IKI\n"), Kind::Text);
        assert_eq!(
            describe(b"\x89PNG\r\n\x1a\n\0\0").map(|d| d.0),
            Some("a PNG image")
        );
        assert_eq!(
            describe(b"\x7FELF\x02\x01").map(|d| d.0),
            Some("a program (ELF executable)")
        );
        assert_eq!(
            describe(b"\x1F\x8B\x08\0").map(|d| d.0),
            Some("a gzip archive")
        );
        assert_eq!(describe(b"# IKI\n"), None);
        assert_eq!(sniff(b""), Kind::Text);
        assert_eq!(sniff(b"%PDF-1.7\n"), Kind::Pdf);
        assert_eq!(sniff(OLE), Kind::Ole);
        assert_eq!(sniff(b"PK\x03\x04 not really a zip"), Kind::OtherZip);
    }

    #[test]
    fn an_encrypted_office_file_is_told_apart() {
        let mut bytes = OLE.to_vec();
        bytes.extend([0u8; 64]);
        assert!(!ole_is_encrypted(&bytes));
        bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(sniff(&bytes), Kind::Ole);
        assert!(ole_is_encrypted(&bytes));
        assert!(!ole_is_excel(&bytes));
    }
}
