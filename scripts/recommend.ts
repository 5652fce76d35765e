/**
 * `npm run recommend -- "I like sci-fi space movies" [--k 10]`: prints the same JSON as the
 * original service's POST /recommend/, computed by the app's core and encoder in Node.
 */
import { RecommendError } from '../src/core/recommend';
import { nodeRecommender } from './lib/node-recommender';

function args(argv: string[]): { text: string; k: number } {
  let k = 10;
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--k') k = Number(argv[++i]);
    else if (argv[i]?.startsWith('--k=')) k = Number(argv[i]!.slice(4));
    else words.push(argv[i]!);
  }
  return { text: words.join(' '), k };
}

const { text, k } = args(process.argv.slice(2));
if (!text.trim()) {
  console.error('usage: npm run recommend -- "what you feel like watching" [--k 10]');
  process.exit(2);
}
try {
  const { recommend, embedder } = await nodeRecommender();
  const results = await recommend({ userInput: text, k });
  console.log(JSON.stringify(results, null, 2));
  embedder?.dispose();
} catch (err) {
  if (err instanceof RecommendError || (err instanceof Error && /npm run data/.test(err.message))) {
    console.error(`recommend: ${err.message}`);
    process.exit(2);
  }
  throw err;
}
