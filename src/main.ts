import { mount } from 'svelte';
import App from './App.svelte';
import { applyTheme, loadTheme } from './services/storage';
import './ui/common/theme.css';

applyTheme(loadTheme());

const target = document.getElementById('app');
if (!target) throw new Error('RecoStream: #app element missing from index.html');
export default mount(App, { target });
