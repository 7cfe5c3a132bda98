import { render } from 'preact';
import { App } from './App.tsx';
import { startEarlyRequests } from './lib/earlyRequests.ts';
import { followTheme } from './lib/theme.ts';
import './styles.css';

followTheme();
startEarlyRequests(window.location);
const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
render(<App />, root);
