import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '../app/use-document-title';
import { ResetPasswordForm } from '../auth/reset-password.form';

export function ResetPasswordRoute() {
  useDocumentTitle('Nouveau mot de passe');
  const [searchParams] = useSearchParams();
  const token = searchParams.get('jeton') ?? '';
  return <ResetPasswordForm key={token} token={token} />;
}
