/**
 * Control characters (C0, DEL, C1) and Unicode bidirectional controls (embeddings and overrides
 * U+202A–202E, isolates U+2066–2069, marks U+200E/200F and U+061C). In a file name they hide its
 * real extension (`invoice\u202efdp.exe` shows as "invoiceexe.pdf") or break headers.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A stored or downloaded file name without those characters nor path separators. Applied at
 * upload, and again at download for names stored before.
 */
export function safeFileName(name: string, fallback = 'document'): string {
  return name.replace(UNSAFE, '').replace(/[\\/]/g, '_').trim().slice(0, 250) || fallback;
}
