import { AccountView } from '../auth/account.view';
import { useMe } from '../auth/data/session.hooks';

/** "/compte" (behind RequireAuth, so the user is known). */
export function AccountRoute() {
  const { data: me } = useMe();
  return me ? <AccountView me={me} /> : null;
}
