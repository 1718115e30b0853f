import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { isApiError } from '@suivi-pvd/api-client';
import { errorMessage } from '../app/query-error-alert';

export function isVersionConflict(error: unknown): boolean {
  return isApiError(error) && error.code === 'VERSION_CONFLICT';
}

/**
 * The error of a write, above the form it concerns. A stale save (409 VERSION_CONFLICT) names who
 * changed the record and offers to reload it; the user's input stays on screen until then.
 */
export function SaveErrorAlert({
  error,
  title = "L'enregistrement a échoué",
  onReload,
  description,
}: {
  error: unknown;
  title?: string;
  onReload?: () => void;
  /** Replaces the API message (e.g. when the messages are shown beside the fields). */
  description?: string;
}) {
  const conflict = isVersionConflict(error);
  return (
    <Alert
      className={fr.cx('fr-mb-3w')}
      severity={conflict ? 'warning' : 'error'}
      role="alert"
      title={conflict ? 'Modifié entre-temps par quelqu’un d’autre' : title}
      description={
        <>
          <span>{description ?? errorMessage(error)}</span>
          {conflict && onReload && (
            <span className={fr.cx('fr-mt-2w')} style={{ display: 'block' }}>
              <Button priority="secondary" size="small" iconId="fr-icon-refresh-line" onClick={onReload}>
                Recharger
              </Button>
            </span>
          )}
        </>
      }
    />
  );
}
