import { render } from 'preact';
import '@/assets/theme.css';
import './style.css';
import { ExtensionPage } from '@/components/ExtensionPage';
import { App } from './App';

const root = document.getElementById('app');
if (root) render(<ExtensionPage><App /></ExtensionPage>, root);
// The first render is synchronous: the text box exists now. bench/extension-size.ts reads this mark.
performance.mark('burnlink:popup-rendered');
