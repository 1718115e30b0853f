import { ID_PVD_PUBLIC } from '@suivi-pvd/domain';
import { useParams } from 'react-router';
import { PvdPublicView } from '../public/pvd-public.view';
import { NotFoundRoute } from './not-found.route';

/** A PVD's public page; a malformed id is « Page non trouvée » without asking the API. */
export function PvdPublicRoute() {
  const { idPvd = '' } = useParams();
  if (!ID_PVD_PUBLIC.test(idPvd)) return <NotFoundRoute />;
  return <PvdPublicView key={idPvd} idPvd={idPvd} />;
}
