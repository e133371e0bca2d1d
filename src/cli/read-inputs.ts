// Reading the files a command is given: the documents, or one line naming the first unreadable file.
import { renderSourceError, type SourceDocument } from '../engine/index.js';
import { readDocuments } from '../files/read-documents.js';
import { UserError } from './errors.js';

/** The documents of `paths`; a read or parse error is a UserError `[WHAT ]FILE:LINE: message`. */
export function readOrFail(paths: readonly string[], what?: string): SourceDocument[] {
  const r = readDocuments(paths);
  const e = r.errors[0];
  if (e) throw new UserError(what ? `${what} ${renderSourceError(e)}` : renderSourceError(e));
  return r.documents;
}
