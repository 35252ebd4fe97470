// edge-runtime and Chromium: the checks as a global function the host calls.
import { runConformance } from '../conformance.mjs';

globalThis.runConformance = runConformance;
