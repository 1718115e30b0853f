import { TableauDeBordView } from '../pilotage/tableau-de-bord.view';

export function TableauDeBordRoute() {
  return <TableauDeBordView />;
}
