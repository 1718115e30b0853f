import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Navigate, useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { useDocumentTitle } from '../app/use-document-title';
import { useMe } from '../auth/data/session.hooks';
import { LoginForm } from '../auth/login.form';

/** Only same-site paths are accepted as post-login destinations (no open redirect). */
export function safeRedirect(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/connexion')) return '/';
  return value;
}

export function LoginRoute() {
  useDocumentTitle('Connexion');
  const [searchParams] = useSearchParams();
  const target = safeRedirect(searchParams.get('redirection'));
  const { data: me, isPending } = useMe();

  if (isPending) return <LoadingView label="Vérification de la session…" />;
  if (me) return <Navigate to={target} replace />;
  return (
    <>
      {searchParams.get('deconnexion') === 'ok' ? (
        <div className={fr.cx('fr-container', 'fr-mt-4w')}>
          <Alert severity="success" small description="Vous êtes déconnecté(e) de Suivi PVD et de ProConnect." />
        </div>
      ) : null}
      <LoginForm redirectTo={target} proConnectError={searchParams.get('erreur')} />
    </>
  );
}
