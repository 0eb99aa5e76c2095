// The booth's texts in English, one string per key: the part of the catalogue (./text.ts) a voter
// reading English downloads. The bundle evaluates this module when it is built (../serve/bundle.ts,
// BUILD_TIME_DATA), so the browser gets the strings alone.
import { textColumn } from './text.ts';

export default textColumn('en');
