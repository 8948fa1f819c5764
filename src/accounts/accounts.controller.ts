import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ApiPageResponse, type Page } from '../common/http/pagination.js';
import { AccountsService } from './accounts.service.js';
import { AccountDto, AccountRoleParams, AccountsQueryDto, GrantRoleDto } from './dto/account.dto.js';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('accounts')
@Controller({ path: 'me', version: '1' })
export class MeController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: AccountDto })
  me(@CurrentPrincipal() principal: Principal): Promise<AccountDto> {
    return this.accounts.me(principal);
  }

  @Delete()
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The account is gone; its reviews stay, shown as from a deleted account' })
  async remove(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.accounts.remove(principal);
  }
}

@ApiTags('accounts')
@Controller({ path: 'admin/accounts', version: '1' })
@Authenticated('admin')
export class AdminAccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiPageResponse(AccountDto)
  list(@Query() query: AccountsQueryDto): Promise<Page<AccountDto>> {
    return this.accounts.list(query);
  }

  @Post(':id/roles')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AccountDto })
  grant(@Param('id', uuid) id: string, @Body() dto: GrantRoleDto): Promise<AccountDto> {
    return this.accounts.grantRole(id, dto.role);
  }

  @Delete(':id/roles/:role')
  @ApiOkResponse({ type: AccountDto })
  revoke(@Param() params: AccountRoleParams): Promise<AccountDto> {
    return this.accounts.revokeRole(params.id, params.role);
  }
}
