/** PNG figures the jobs write: image grids and (XChart) line plots. */
package dev.cs231n.pipelines.plot;
