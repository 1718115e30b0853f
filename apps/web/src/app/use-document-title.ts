import { useEffect } from 'react';

export const APP_NAME = 'Suivi PVD';

/** Sets `document.title` to "<page> – Suivi PVD". */
export function useDocumentTitle(pageTitle: string | null | undefined): void {
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} – ${APP_NAME}` : APP_NAME;
  }, [pageTitle]);
}
