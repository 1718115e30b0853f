import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { isApiError } from '@suivi-pvd/api-client';

export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  return 'Une erreur inattendue est survenue. Réessayez plus tard.';
}

/** Error state of a failed request or form submission, with an optional retry button. */
export function QueryErrorAlert({
  error,
  title = 'Le chargement a échoué',
  onRetry,
  spacing = 'fr-my-3w',
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  /** Above a form, only the space below. */
  spacing?: 'fr-my-3w' | 'fr-mb-3w';
}) {
  return (
    <Alert
      className={fr.cx(spacing)}
      severity="error"
      role="alert"
      title={title}
      description={
        <>
          <span>{errorMessage(error)}</span>
          {onRetry && (
            <span className={fr.cx('fr-mt-2w')} style={{ display: 'block' }}>
              <Button priority="secondary" size="small" onClick={onRetry}>
                Réessayer
              </Button>
            </span>
          )}
        </>
      }
    />
  );
}
