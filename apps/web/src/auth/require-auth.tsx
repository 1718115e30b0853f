import type { Permission } from '@suivi-pvd/domain';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ForbiddenView } from '../app/forbidden.view';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useMe } from './data/session.hooks';
import { hasPermission } from './permissions';

/** Builds the login URL that brings the user back to `target` once signed in. */
export function loginPath(target: string): string {
  return target === '/' ? '/connexion' : `/connexion?redirection=${encodeURIComponent(target)}`;
}

/** Guard for protected routes: sends anonymous users to /connexion, keeping where they were going. */
export function RequireAuth({ children }: { children?: ReactNode }) {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();

  if (isPending) return <LoadingView label="Vérification de la session…" />;
  if (error) return <QueryErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!me) {
    return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  }
  return children ?? <Outlet />;
}

/** Guard for routes that need a permission; shows an "access denied" page otherwise. */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission;
  children?: ReactNode;
}) {
  const { data: me } = useMe();
  if (!hasPermission(me, permission)) return <ForbiddenView />;
  return children ?? <Outlet />;
}
