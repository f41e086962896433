import { render } from 'preact';
import '../../assets/theme.css';
import './style.css';
import { App } from './App';

const root = document.getElementById('app');
if (root) render(<App location={window.location} history={window.history} />, root);

// Pasting another link into this tab may change only the fragment: start over with it.
window.addEventListener('hashchange', () => window.location.reload());
