import { AgendaView } from '../club/agenda.view';

export function ClubAgendaRoute() {
  return <AgendaView />;
}
