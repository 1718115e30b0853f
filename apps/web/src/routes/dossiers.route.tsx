import { PvdListView } from '../pvd-list/pvd-list.view';

export function DossiersRoute() {
  return <PvdListView />;
}
