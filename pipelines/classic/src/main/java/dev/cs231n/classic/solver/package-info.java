/**
 * The course's {@code Solver} ({@code cs231n/solver.py}) and update rules ({@code cs231n/optim.py}) on ND4J.
 *
 * <p>{@link dev.cs231n.classic.solver.CourseSolver} trains any {@link dev.cs231n.classic.solver.SolverModel} (named
 * parameters, a loss with gradients, {@link dev.cs231n.classic.solver.LossAndGrads}; class scores) on
 * {@link dev.cs231n.classic.solver.SolverData}, as {@link dev.cs231n.classic.solver.SolverSettings} say: random
 * minibatches drawn with replacement, one update rule per parameter, learning-rate decay per epoch, loss and
 * accuracy histories ({@link dev.cs231n.classic.solver.SolverAccuracy}, the course's {@code check_accuracy}), the
 * best-validation parameters kept, and a checkpoint after every epoch
 * ({@link dev.cs231n.classic.solver.SolverCheckpoint}) that a later run resumes from with the same result as an
 * uninterrupted one. It returns a {@link dev.cs231n.classic.solver.SolverResult} and reports every accuracy check
 * ({@link dev.cs231n.classic.solver.EpochReport}) to an {@link dev.cs231n.classic.solver.EpochListener} such as
 * {@link dev.cs231n.classic.solver.ConsoleProgress}.
 *
 * <p>Update rules implement {@link dev.cs231n.classic.solver.CourseUpdateRule} on a per-parameter
 * {@link dev.cs231n.classic.solver.UpdateState}: {@link dev.cs231n.classic.solver.SgdRule},
 * {@link dev.cs231n.classic.solver.SgdMomentumRule}, {@link dev.cs231n.classic.solver.RmsPropRule},
 * {@link dev.cs231n.classic.solver.AdamRule}; {@link dev.cs231n.classic.solver.UpdateRuleKind} chooses one by the
 * course's name ({@code sgd}, {@code sgd_momentum}, {@code rmsprop}, {@code adam}), which is also what a checkpoint
 * records. {@link dev.cs231n.classic.solver.InPlace} holds the temporary-free in-place updates they share.
 */
package dev.cs231n.classic.solver;
