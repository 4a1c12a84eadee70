/**
 * The course's {@code Solver} ({@code cs231n/solver.py}) and update rules ({@code cs231n/optim.py}) on ND4J, for
 * any {@link dev.cs231n.classic.solver.SolverModel} that returns its loss and gradients: random minibatches
 * drawn with replacement, one update rule per parameter ({@link dev.cs231n.classic.solver.SgdRule},
 * {@link dev.cs231n.classic.solver.SgdMomentumRule}, {@link dev.cs231n.classic.solver.RmsPropRule},
 * {@link dev.cs231n.classic.solver.AdamRule}), learning-rate decay per epoch, loss and accuracy histories,
 * the best-validation parameters kept, and a checkpoint after every epoch
 * ({@link dev.cs231n.classic.solver.SolverCheckpoint}) that a later run resumes from with the same
 * result as an uninterrupted one.
 */
package dev.cs231n.classic.solver;
