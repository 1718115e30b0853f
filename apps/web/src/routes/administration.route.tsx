import { AdministrationView } from '../administration/administration.view';
import { useMe } from '../auth/data/session.hooks';

export function AdministrationRoute() {
  const { data: me } = useMe();
  return me ? <AdministrationView me={me} /> : null;
}
