/**
 * How a plan warning starts when the predicted carried of its dir is a lower bound (the
 * pruned-roots update of go get, planner/predict.ts); apply's drift warning names it as the cause.
 * Apart from plan-schema.ts so that the planner, which only writes plans, loads no validator.
 */
export const CARRIED_MAY_DIFFER = 'carried may differ';
