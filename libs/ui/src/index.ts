export { CsvUploadForm, type CsvUploadFormProps } from './csv-upload-form';
export { formatDate, formatDateTime, formatNumber, formatPopulation } from './format';
export { PvdBadge, type PvdBadgeProps } from './pvd-badge';
export { StatTiles, type StatTile, type StatTilesProps } from './stat-tiles';
export { UploadProgressBar, type UploadProgressBarProps } from './upload-progress';
export { LinkifiedText, type LinkifiedTextProps } from './linkified-text';
export { FactList, type FactListProps } from './fact-list';
export { ChoiceSelect, type ChoiceSelectProps } from './choice-select';
