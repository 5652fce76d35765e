import { mount } from 'svelte';
import App from './App.svelte';
import { applyTheme, loadTheme } from './services/storage';
import './ui/common/theme.css';

applyTheme(loadTheme());

const target = document.getElementById('app');
if (!target) throw new Error('RecoStream: #app element missing from index.html');
// The first render runs as its own task, after the one that evaluates the bundle: two shorter
// main-thread tasks at start-up instead of one long one (the page stays responsive in between).
setTimeout(() => mount(App, { target }), 0);
