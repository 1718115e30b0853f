import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { NotFoundRoute } from './not-found.route';

/** A record's id in an address: every record of the API is named by a UUID. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The page of one record (`/…/:id`): its view for a well-formed id, keyed by it (a fresh view and
 * form state per record); « Page non trouvée » for anything else, which is never sent to the API
 * (`/postes/alertes` would otherwise read another route's answer as a post).
 */
export function RecordRoute({ render }: { render: (id: string) => ReactNode }) {
  const { id = '' } = useParams();
  return UUID.test(id) ? render(id) : <NotFoundRoute />;
}
