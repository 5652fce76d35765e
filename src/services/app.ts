/** The app's services over the one shared database, created on first use. */
import { authRuntime } from './auth/runtime';
import { BanditService } from './bandit';
import { FeedbackService } from './feedback';
import { LearningService } from './learning';

let feedback: FeedbackService | undefined;
let learning: LearningService | undefined;

/** The hybrid-weights learning service. */
export function learningService(): LearningService {
  if (!learning) {
    const { db, auth } = authRuntime();
    learning = new LearningService(db, auth);
  }
  return learning;
}

/** The feedback log service (shares the auth runtime's database and token checks). */
export function feedbackService(): FeedbackService {
  if (!feedback) {
    const { db, auth } = authRuntime();
    feedback = new FeedbackService(db, auth);
  }
  return feedback;
}

let bandit: BanditService | undefined;

/** The Discover bandit's persistence. */
export function banditService(): BanditService {
  if (!bandit) {
    const { db, auth } = authRuntime();
    bandit = new BanditService(db, auth);
  }
  return bandit;
}
