// Loads the Object.groupBy polyfill before Langium: import this first in every entry point.
import '../../scripts/polyfill-groupby.cjs';
