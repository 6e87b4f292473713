// The wizard's progress as data: what the person chose and marked, kept between launches so they can pick up
// where they left off. Runs anywhere (no Node, no DOM).
import { z } from 'zod';
import { ReportSchema, SessionStepSchema, StepIdSchema } from './spec.js';

export const PROGRESS_VERSION = 1;
/** The most progress a save may carry (a report with its evidence is typically 20–200 KB). */
export const MAX_PROGRESS_BYTES = 2 * 1024 * 1024;

/** The chosen service: a built-in one by id, or any site by its address. */
export const ChosenServiceSchema = z.union([
  z.object({ id: z.string().regex(/^[a-z0-9-]{1,40}$/) }).strict(),
  z
    .object({
      url: z
        .string()
        .max(2_048)
        .refine((value) => {
          try {
            const url = new URL(value);
            return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && !url.username && !url.password;
          } catch {
            return false;
          }
        }, 'must be an http: or https: address without credentials'),
    })
    .strict(),
]);
export type ChosenService = z.infer<typeof ChosenServiceSchema>;

/** A running "wait and retry" (or sign-in) timer: when it ends, so it survives a restart. */
export const StepTimerSchema = z.object({ step: StepIdSchema, endsAt: z.iso.datetime() }).strict();

const progressFields = {
  service: ChosenServiceSchema.nullable(),
  /** The person's marks: "this fixed it" / "this did not". */
  steps: z.array(SessionStepSchema.strict()).max(500),
  currentStep: StepIdSchema.nullable(),
  timers: z.array(StepTimerSchema).max(24),
  lastReport: ReportSchema.nullable(),
};

function byteLength(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/** What saveProgress takes from the UI. */
export const SaveProgressRequestSchema = z
  .object(progressFields)
  .strict()
  .refine((value) => byteLength(value) <= MAX_PROGRESS_BYTES, { message: `is larger than ${MAX_PROGRESS_BYTES / 1024 / 1024} MB` });
export type SaveProgressRequest = z.infer<typeof SaveProgressRequestSchema>;

/** The file in the app's data folder (and what loadProgress returns): the request, versioned and dated. */
export const ProgressSchema = z
  .object({ version: z.literal(PROGRESS_VERSION), savedAt: z.iso.datetime(), ...progressFields })
  .strict();
export type Progress = z.infer<typeof ProgressSchema>;

export const LoadProgressResultSchema = z.object({
  progress: ProgressSchema.nullable(),
  /** Why saved progress was set aside (damaged, too large, from another version): one plain sentence. */
  note: z.string().optional(),
});
export type LoadProgressResult = z.infer<typeof LoadProgressResultSchema>;

export const SaveProgressResultSchema = z.object({ savedAt: z.iso.datetime() });
export const ClearProgressResultSchema = z.object({ cleared: z.boolean() });
