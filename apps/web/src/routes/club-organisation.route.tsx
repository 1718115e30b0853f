import { OrganisationView } from '../club/organisation.view';

export function ClubOrganisationRoute() {
  return <OrganisationView />;
}
