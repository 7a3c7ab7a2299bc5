// TwinPath's formats for other tools (the library's `twinpath/interchange` entry and the CLI):
// graphology JSON, GEXF and GraphML of the plant and the attack graph (and graphology JSON back
// into a model), the ATT&CK Navigator layer, SARIF of a scenario diff, CSV of the findings, and
// where a JSON pointer lands in a model file. Pure: no DOM, no Node.
export { attackGraph, graphologyJson, plantGraph, type GraphKind, type GraphOptions, type GraphologyJson, type InterchangeGraph, type Scalar } from './graphs';
export { writeGexf } from './gexf';
export { writeGraphml, xmlChars, xmlText } from './graphml';
export { importGraphology } from './graphology-import';
export { navigatorLayer, NAVIGATOR_VERSIONS, type LayerOptions, type LayerTechnique, type NavigatorLayer } from './navigator';
export { diffSarif, SARIF_SCHEMA, type SarifLevel, type SarifLocation, type SarifLog, type SarifOptions, type SarifResult } from './sarif';
export { jsonPointer, modelChanges, pointerParts, type ModelChange } from './changes';
export { jsonPointerOffset, pointerPosition, yamlPointerOffset, type TextPosition } from './locate';
export { findingsCsv, FINDINGS_CSV_HEADER } from './findings-csv';
