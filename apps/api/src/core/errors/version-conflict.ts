import { formatDateTimeFr } from '../time/today';
import { AppError } from './app-error';

/**
 * The 409 of a stale write: names who changed the record and when, so the user knows what
 * happened before reloading. `subject` starts the sentence (« Cette convention », « Ce contact »).
 */
export function versionConflict(subject: { text: string; feminine: boolean }, by: string | null, at: Date | null): AppError {
  const who = by ? ` par ${by}` : '';
  const when = at ? ` le ${formatDateTimeFr(at)}` : '';
  const e = subject.feminine ? 'e' : '';
  return new AppError(
    'VERSION_CONFLICT',
    `${subject.text} a été modifié${e}${who}${when}, depuis que vous l'avez ouvert${e}. Rien n'a été enregistré : rechargez la page avant de recommencer.`,
  );
}
