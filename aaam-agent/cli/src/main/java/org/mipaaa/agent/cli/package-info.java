/**
 * A tiny command line over {@link org.mipaaa.agent.services.AaamAgent}, so a vendor can try a node by
 * hand: {@link org.mipaaa.agent.cli.AgentCli}. Its exit codes are {@link org.mipaaa.agent.cli.ExitCodes}.
 */
package org.mipaaa.agent.cli;
