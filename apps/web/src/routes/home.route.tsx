import { Navigate } from 'react-router';
import { useMe } from '../auth/data/session.hooks';
import { hasPermission } from '../auth/permissions';
import { HomeView } from '../app/home.view';

/** "/": goes straight to the commune search when the user may use it. */
export function HomeRoute() {
  const { data: me } = useMe();
  if (hasPermission(me, 'referentiel:lire')) return <Navigate to="/communes" replace />;
  return <HomeView />;
}
