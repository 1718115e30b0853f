import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '../app/use-document-title';
import { InvitationForm } from '../auth/invitation.form';

export function InvitationRoute() {
  useDocumentTitle('Activation du compte');
  const [searchParams] = useSearchParams();
  const token = searchParams.get('jeton') ?? '';
  return <InvitationForm key={token} token={token} />;
}
