import { render } from 'preact';
import '@/assets/theme.css';
import '@/assets/settings-page.css';
import { ExtensionPage } from '@/components/ExtensionPage';
import { App } from './App';

const root = document.getElementById('app');
if (root) render(<ExtensionPage><App /></ExtensionPage>, root);
