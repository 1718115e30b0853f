// The State's dataviz web components (Vue 3 custom elements, no shadow DOM), loaded with this
// module only: one bundle for all charts and maps, in its own chunk, on the dashboards alone.
import '@gouvfr/dsfr-chart';
import '@gouvfr/dsfr-chart/dist/DSFRChart/DSFRChart.css';
import './dsfr-charts.css';
import { useEffect, useRef, type DetailedHTMLProps, type HTMLAttributes } from 'react';

type ElementProps = DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & Record<string, unknown>;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'map-chart': ElementProps;
      'map-chart-reg': ElementProps;
      'bar-chart': ElementProps;
      'line-chart': ElementProps;
      'pie-chart': ElementProps;
    }
  }
}

const NO_DATA = '#e5e5e5';

export interface CarteProps {
  /** `dep`: France by département (overseas included); `reg`: by région; with `region`, the départements of one région. */
  niveau: 'dep' | 'reg';
  region?: string;
  nom: string;
  /** The area's figure shown beside the map. */
  valeurTexte: string;
  dateTexte: string;
  /** Area code → value (shown in the map's tooltip). */
  valeurs: Record<string, number>;
  /** Area code → the class of its value (0-based), coloured with `couleurs`. */
  classes: Record<string, number>;
  couleurs: readonly string[];
  onZone: (code: string) => void;
}

/**
 * A choropleth with the report's classes. dsfr-chart colours areas on a continuous scale between
 * the smallest and largest value and takes no class thresholds: the areas are recoloured here with
 * one colour per class (and grey without data) each time the component paints them.
 */
export function Carte({ niveau, region, nom, valeurTexte, dateTexte, valeurs, classes, couleurs, onZone }: CarteProps) {
  const host = useRef<HTMLDivElement>(null);
  const classesRef = useRef({ classes, couleurs });
  classesRef.current = { classes, couleurs };

  useEffect(() => {
    const root = host.current;
    // Without classes, dsfr-chart's own continuous scale stays.
    if (!root || couleurs.length === 0) return;
    const paint = () => {
      const { classes: c, couleurs: colors } = classesRef.current;
      for (const el of root.querySelectorAll<SVGElement>('[class^="FR-"]')) {
        const code = el.getAttribute('class')?.slice(3) ?? '';
        const k = c[code];
        const fill = k === undefined ? NO_DATA : (colors[k] ?? NO_DATA);
        if (el.getAttribute('fill') !== fill) el.setAttribute('fill', fill);
      }
    };
    paint();
    const observer = new MutationObserver(paint);
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['fill'] });
    return () => observer.disconnect();
  }, [classes, couleurs]);

  const onClick = (event: React.MouseEvent) => {
    const target = event.target as Element;
    const name = target.getAttribute?.('class') ?? '';
    if (/^FR-[0-9AB]{2,3}$/.test(name)) onZone(name.slice(3));
  };

  const data = JSON.stringify(valeurs);
  return (
    // Mouse users click an area; everyone else uses the table beside the map (same links).
    <div ref={host} className="pilotage-carte" onClick={onClick}>
      {region ? (
        <map-chart-reg data={data} value={valeurTexte} date={dateTexte} name={nom} region={region} selected-palette="sequentialAscending" />
      ) : (
        <map-chart data={data} value={valeurTexte} date={dateTexte} name={nom} level={niveau} selected-palette="sequentialAscending" />
      )}
    </div>
  );
}

export interface GraphiqueProps {
  kind: 'barres' | 'camembert' | 'ligne';
  libelles: readonly string[];
  valeurs: readonly number[];
  nom: string;
  unite: string;
}

/** A bar, pie or line chart of one series. */
export function Graphique({ kind, libelles, valeurs, nom, unite }: GraphiqueProps) {
  const x = JSON.stringify([libelles]);
  const y = JSON.stringify([valeurs]);
  const name = JSON.stringify([nom]);
  if (kind === 'camembert') return <pie-chart x={x} y={y} name={JSON.stringify(libelles)} unit-tooltip={unite} selected-palette="categorical" />;
  if (kind === 'ligne') return <line-chart x={x} y={y} name={name} unit-tooltip={unite} selected-palette="default" />;
  return <bar-chart x={x} y={y} name={name} unit-tooltip={unite} selected-palette="default" />;
}
