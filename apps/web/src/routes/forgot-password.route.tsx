import { useDocumentTitle } from '../app/use-document-title';
import { ForgotPasswordForm } from '../auth/forgot-password.form';

export function ForgotPasswordRoute() {
  useDocumentTitle('Mot de passe oublié');
  return <ForgotPasswordForm />;
}
