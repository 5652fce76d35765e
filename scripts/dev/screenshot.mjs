import { chromium } from '@playwright/test';
const [,, url, out, w='1280', h='900', scheme='dark', wait='1500'] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-dev-shm-usage','--disable-background-networking'] });
const p = await b.newPage({ viewport: { width: +w, height: +h }, colorScheme: scheme });
await p.goto(url); await p.waitForTimeout(+wait);
await p.screenshot({ path: out });
await b.close();
