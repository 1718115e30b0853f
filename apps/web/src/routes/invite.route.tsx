import { InviteForm } from '../administration/invite.form';
import { useDocumentTitle } from '../app/use-document-title';
import { useMe } from '../auth/data/session.hooks';

export function InviteRoute() {
  useDocumentTitle('Inviter une personne – Administration');
  const { data: me } = useMe();
  return me ? <InviteForm me={me} /> : null;
}
