import { render } from 'preact';
import { App } from './App.tsx';
import { followTheme } from './lib/theme.ts';
import './styles.css';

followTheme();

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
render(<App />, root);
