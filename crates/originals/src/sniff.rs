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
