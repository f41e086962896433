// Types of what the lint configuration exports for the tests (it is plain JavaScript).
import type { Linter } from 'eslint';

export declare const TRANSLATED_UI: string[];
export declare const TRANSLATED_DOM: string[];
declare const config: Linter.Config[];
export default config;
