/** The app's services over the one shared database, created on first use. */
import { authRuntime } from './auth/runtime';
import { FeedbackService } from './feedback';

let feedback: FeedbackService | undefined;

/** The feedback log service (shares the auth runtime's database and token checks). */
export function feedbackService(): FeedbackService {
  if (!feedback) {
    const { db, auth } = authRuntime();
    feedback = new FeedbackService(db, auth);
  }
  return feedback;
}
