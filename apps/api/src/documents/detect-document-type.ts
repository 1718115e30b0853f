import type * as FileTypeCore from 'file-type/core';
import { importEsm } from '../core/auth/proconnect/esm';

type FileTypeModule = typeof FileTypeCore;

/** What the bytes of an uploaded document are, e.g. `{ mime: 'application/pdf', extension: 'pdf' }`. */
export interface DetectedDocumentType {
  mime: string;
  /** Without the dot. */
  extension: string;
}

/**
 * Recognises a document from its content only (magic numbers, zip entries), never from the name or
 * the type the browser declared, both chosen by the sender. Returns whatever `file-type` sees, images
 * and executables included: the caller decides with `isAcceptedDocumentType`. Returns null for an
 * unrecognised content, which includes plain text and CSV. Legacy Office files (.doc, .xls, .ppt)
 * come out as `application/x-cfb`, the OLE2 container, without telling which one they are.
 *
 * `file-type` is ESM-only, loaded with `importEsm` (see esm.ts), through its `file-type/core` entry:
 * the same `fileTypeFromBuffer` as the main entry (which re-exports it), but exported under the
 * `default` condition that Jest's resolver understands. The main entry is only exported under
 * `node` → `import`/`module-sync`, so under Jest `require('file-type')` fails with "Cannot find
 * module" instead of the `ERR_REQUIRE_ESM` that makes `importEsm` fall back to a real `import()`.
 */
export async function detectDocumentType(content: Buffer): Promise<DetectedDocumentType | null> {
  const { fileTypeFromBuffer } = await importEsm<FileTypeModule>('file-type/core');
  let detected: Awaited<ReturnType<FileTypeModule['fileTypeFromBuffer']>>;
  try {
    detected = await fileTypeFromBuffer(content);
  } catch {
    // file-type gives up on some malformed or hostile contents by throwing: that is "unknown".
    return null;
  }
  return detected ? { mime: detected.mime, extension: detected.ext } : null;
}
